import 'ol/ol.css';
import './style.css';
import { startApp } from './ui/app.ts';

const root = document.getElementById('app');
if (root) void startApp(root);
